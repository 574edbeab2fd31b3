'use strict';
// Accessible names for the admin's autocomplete fields (WCAG 4.1.2,
// docs/accessibility.md). Django's autocomplete widget is select2 4.0, which
// hides the labelled <select> and shows a combobox named only by its current
// value: an empty field has no name at all, a filled one is named "二.2.2 …"
// without saying which field it is. This names the combobox by the field's
// label followed by its value, and the search box by the label, without
// touching Django's widget or select2 itself.
{
    const NAMED = 'data-tracker-named';

    // The element that names a select: its <label for=…>, or (tabular
    // inlines have no label per cell) a hidden span holding its aria-label.
    function namingId(select) {
        const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
        if (label) {
            if (!label.id) {
                label.id = `${select.id}-label`;
            }
            return label.id;
        }
        const made = document.getElementById(`${select.id}-name`);
        if (made) {
            return made.id;
        }
        const text = select.getAttribute('aria-label');
        if (!text) {
            return null;
        }
        const span = document.createElement('span');
        span.id = `${select.id}-name`;
        span.hidden = true;
        span.textContent = text;
        select.after(span);
        return span.id;
    }

    function name(container) {
        const select = container.previousElementSibling;
        const selection = container.querySelector('.select2-selection');
        const rendered = container.querySelector('.select2-selection__rendered');
        if (!select || select.tagName !== 'SELECT' || !selection || !rendered) {
            return;
        }
        if (selection.hasAttribute(NAMED)) {
            return;
        }
        const id = namingId(select);
        if (!id) {
            return;
        }
        selection.setAttribute('aria-labelledby', `${id} ${rendered.id}`);
        rendered.setAttribute('aria-labelledby', id);
        selection.setAttribute(NAMED, '');
        // Django autofocuses a form's first field: when that is an
        // autocomplete, the focus sits on the hidden <select>, where keys
        // change a value nobody sees. Hand it to the visible combobox.
        if (document.activeElement === select) {
            selection.focus();
        }
    }

    function nameAll(root) {
        root.querySelectorAll('select + .select2').forEach(name);
    }

    // select2 builds its markup after this script runs (on jQuery's ready,
    // and again for every inline row added), so watch for it.
    new MutationObserver((changes) => {
        for (const change of changes) {
            for (const node of change.addedNodes) {
                if (node.nodeType === Node.ELEMENT_NODE) {
                    nameAll(node.parentElement || node);
                }
            }
        }
    }).observe(document.documentElement, {childList: true, subtree: true});
    document.addEventListener('DOMContentLoaded', () => nameAll(document));

    // The search box of an open dropdown: named after its field's label.
    document.addEventListener('focusin', (event) => {
        const search = event.target;
        if (!search.matches || !search.matches('.select2-search__field')) {
            return;
        }
        const controls = search.getAttribute('aria-controls') || '';
        const match = controls.match(/^select2-(.+)-results$/);
        const select = match && document.getElementById(match[1]);
        const id = select && namingId(select);
        const source = id && document.getElementById(id);
        if (source) {
            search.setAttribute('aria-label', source.textContent.trim().replace(/[:：]$/, ''));
        }
    });
}
