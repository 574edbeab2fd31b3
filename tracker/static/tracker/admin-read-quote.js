'use strict';
// The outcome form: once a quote is pasted, ask the server's figure reader
// (tracker.admin.outcome_entry.read_quote_view) what the quote states and
// fill the value, qualifier, unit and period fields that are still empty.
// Nothing typed is overwritten; the person checks the filled fields before
// saving, and a note beside the quote says which were read.
{
    const FIELDS = ['value', 'value_high', 'qualifier', 'unit', 'period_start', 'period_end'];

    function field(name) {
        return document.getElementById(`id_${name}`);
    }

    function note(quote, text) {
        let span = document.getElementById('quote-reading');
        if (!span) {
            span = document.createElement('p');
            span.id = 'quote-reading';
            span.className = 'help';
            span.setAttribute('role', 'status');
            quote.insertAdjacentElement('afterend', span);
        }
        span.textContent = text;
    }

    async function read(quote, url) {
        const form = quote.form;
        const body = new FormData();
        body.append('quote', quote.value);
        for (const name of ['document', 'target']) {
            if (field(name)) {
                body.append(name, field(name).value);
            }
        }
        const response = await fetch(url, {
            method: 'POST',
            body,
            headers: {'X-CSRFToken': form.querySelector('[name=csrfmiddlewaretoken]').value},
            credentials: 'same-origin',
        });
        if (!response.ok) {
            return;
        }
        const found = (await response.json()).fields;
        const valueEmpty = field('value') && !field('value').value;
        const filled = [];
        for (const name of FIELDS) {
            const input = field(name);
            if (!input || !(name in found)) {
                continue;
            }
            // The qualifier always has a value: fill it with the figure it belongs to.
            const empty = name === 'qualifier' ? valueEmpty : !input.value;
            if (empty) {
                input.value = found[name];
                input.dispatchEvent(new Event('change', {bubbles: true}));
                const label = document.querySelector(`label[for="id_${name}"]`);
                filled.push(label ? label.textContent.replace(/[:：]\s*$/, '') : name);
            }
        }
        if (filled.length) {
            note(quote, `${quote.dataset.readNote}${filled.join('、')}`);
        }
    }

    document.addEventListener('DOMContentLoaded', () => {
        const quote = field('quote');
        if (!quote || !quote.dataset.readUrl) {
            return;
        }
        let timer = null;
        const later = () => {
            clearTimeout(timer);
            timer = setTimeout(() => read(quote, quote.dataset.readUrl), 250);
        };
        quote.addEventListener('input', later);
        quote.addEventListener('change', later);
    });
}
