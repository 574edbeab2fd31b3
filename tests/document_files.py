"""Real files of each kind, made in the tests by the libraries people use."""

from __future__ import annotations

import io

FOOT = ["郑州市工业和信息化局", "2023年1月16日"]
BODY = ["2023年,全市实施技改项目520个,工业企业技改投资同比增长29%。", "高技术制造业占比达到39.2%。"]


def docx_bytes(paragraphs=(*BODY, *FOOT), table=(("指标", "数值"), ("技改项目", "520个"))) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(paragraphs[0])
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    for paragraph in paragraphs[1:]:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(pages=((*BODY, *FOOT),)) -> bytes:
    """A PDF with a text layer (CJK via reportlab's built-in CID font); an
    empty tuple of lines makes a page with no text."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    sheet = canvas.Canvas(out)
    for lines in pages:
        sheet.setFont("STSong-Light", 12)
        for number, line in enumerate(lines):
            sheet.drawString(72, 760 - 20 * number, line)
        if not lines:
            sheet.rect(72, 600, 200, 100, fill=1)  # a drawing, no text
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def encrypted_pdf_bytes(password: str = "secret", algorithm: str = "RC4-128") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password=password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_pdf_bytes() -> bytes:
    """A "scanned" PDF: one page that is only a picture of text."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 300), "white")
    draw = ImageDraw.Draw(image)
    for row in range(5):
        draw.rectangle((40, 40 + 45 * row, 560, 60 + 45 * row), fill="black")
    out = io.BytesIO()
    image.save(out, "PDF", resolution=100.0)
    return out.getvalue()


def html_bytes(encoding: str = "gbk") -> bytes:
    page = (
        f'<html><head><meta charset="{encoding}"><title>页面标题</title>'
        "<style>p {color: red}</style><script>var x = '脚本';</script></head><body>"
        "<h1>郑州斩获这一新称号</h1><p>【大河财立方 记者 贾永标】2022年1~10月,"
        "规上工业增加值增长<b>8.5%</b>。</p></body></html>"
    )
    return page.encode(encoding)
