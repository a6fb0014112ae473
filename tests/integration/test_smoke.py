"""The first report's industry question, end to end through the Engine."""


def test_industry_question(engine):
    ans = engine.ask("Hur många personer sysselsätter industrin?")
    assert ans.found
    assert "5 000" in ans.text
    assert ans.sources[0].section.startswith("Mål 5. Fler kluster")
