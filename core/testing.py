"""Helpers shared by the test suites of several apps."""

from html.parser import HTMLParser


class _TestIdText(HTMLParser):
    """Collects the text of every element carrying data-testid=<testid>, whitespace collapsed."""

    def __init__(self, testid: str):
        super().__init__()
        self.testid = testid
        self.depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
            self.texts[-1] += " "
        elif dict(attrs).get("data-testid") == self.testid:
            self.depth = 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            self.texts[-1] += " "

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data


def texts(response, testid: str) -> list[str]:
    """The text of each element with data-testid=`testid` in the response, whitespace collapsed."""
    parser = _TestIdText(testid)
    parser.feed(response.content.decode())
    return [" ".join(text.split()) for text in parser.texts]
