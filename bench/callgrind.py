"""Reading callgrind's output, for the bench scripts that count
instructions (bench/call_instructions.sh, bench/encode_instructions.sh)."""
import re


def calls_to(path, matches):
    """How many times the profiled program called a function whose name
    `matches` accepts, summed over every caller."""
    text = open(path).read()
    ids = {
        m.group(1)
        for m in re.finditer(r'^(?:fn|cfn)=\((\d+)\) (.*)$', text, re.M)
        if matches(m.group(2))
    }
    lines = text.split('\n')
    total = 0
    for line, after in zip(lines, lines[1:]):
        m = re.match(r'^cfn=\((\d+)\)', line)
        c = re.match(r'^calls=(\d+)', after)
        if m and c and m.group(1) in ids:
            total += int(c.group(1))
    return total


def rows(report):
    """The (instructions, file:function) rows of a `callgrind_annotate`
    report, the object file left out, in the report's order."""
    found = []
    for line in report.split('\n'):
        m = re.match(r'\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?)(?: \[[^\]]*\])?$', line)
        if m:
            found.append((int(m.group(1).replace(',', '')), m.group(2)))
    return found
