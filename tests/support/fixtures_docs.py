"""Generate small report files (PDF, DOCX, MD, TXT) with known pages and headings."""

from __future__ import annotations

from pathlib import Path

PDF_PAGES = [
    ("Rapport om besöksnäringen", "Inledning",
     "Besöksnäringen i fjällen växer. Antalet gästnätter ökade med ca 12 % under 2023."),
    (None, "Sysselsättning",
     "Branschen sysselsätter ca 4 200 personer, t.ex. inom hotell och restaurang. "
     "Mer än 60 % av gästerna kommer från andra län."),
]


def make_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("Rapport om besöksnäringen")
    for title, heading, body in PDF_PAGES:
        y = 780
        if title:
            c.setFont("Helvetica-Bold", 18)
            c.drawString(72, y, title)
            y -= 40
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, y, heading)
        y -= 28
        c.setFont("Helvetica", 11)
        for sentence in body.split(". "):
            c.drawString(72, y, sentence.rstrip(".") + ".")
            y -= 16
        c.showPage()
    c.save()
    return path


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.core_properties.title = "Skogsnäringen i länet"
    d.add_heading("Skogsnäringen i länet", level=0)
    d.add_heading("Bakgrund", level=1)
    d.add_paragraph("Skogen täcker ca 70 % av länets yta. Skogsbruket är en basnäring.")
    d.add_heading("Export", level=1)
    d.add_paragraph("Sågverken exporterar bl.a. till Norge och Tyskland m.fl. länder.")
    d.save(str(path))
    return path


def make_md(path: Path) -> Path:
    path.write_text(
        "# Energi i länet\n\n## Vindkraft\n\nVindkraften producerade 3 000 GWh under året. "
        "Det motsvarar **hälften** av länets elanvändning.\n\n## Vattenkraft\n\n"
        "- Vattenkraften är äldst.\n- Den står för resten.\n",
        encoding="utf-8",
    )
    return path


def make_txt(path: Path) -> Path:
    path.write_text(
        "Läget i länet\n\nMål 7. Bättre vägar (i hela länet)\n\n"
        "Vägnätet är 9\u00a0000 km långt. Underhållet kostar ca 1,2 miljarder kronor per år.\n",
        encoding="utf-8",
    )
    return path
