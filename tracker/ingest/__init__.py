"""Documents in: text out of a file (.txt, .html, .docx, .pdf) or a paste.

The text becomes the verbatim basis of every quote, so it is changed only in
the ways listed in ``normalise`` (docs/documents.md repeats them for people).
A file that cannot give honest text raises ``ExtractionError`` with a code
and a message, and nothing is stored: an encrypted PDF, a PDF without a text
layer (a scan), an empty file, a type the tracker does not read, a file over
the size limit.

Plain Python below the services: no ORM, no request. The admin's add page
(``tracker.admin.documents``) calls it and saves through the services.
"""

from tracker.ingest.errors import ExtractionError
from tracker.ingest.extract import SUPPORTED_SUFFIXES, Extracted, extract_file, extract_pasted
from tracker.ingest.hints import Hint, suggest_issuer, suggest_published_on, suggest_title
from tracker.ingest.normalise import normalise

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Extracted",
    "ExtractionError",
    "Hint",
    "extract_file",
    "extract_pasted",
    "normalise",
    "suggest_issuer",
    "suggest_published_on",
    "suggest_title",
]
