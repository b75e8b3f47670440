# Turns a text export of an LKjIP (tab-separated and pipe tables, Markdown headings)
# into HTML with real bordered tables, for LibreOffice Writer and Chromium to print.
# Usage: txt2html.py SAMPLE.txt OUT.html [--unruled]   (--unruled: tables without borders)
import sys, html, re
src = open(sys.argv[1], encoding='utf-8').read().split('\n')
unruled = '--unruled' in sys.argv[3:]
border = 'none' if unruled else '1px solid black'
out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:"Liberation Serif",serif;font-size:12pt} table{border-collapse:collapse} td{border:%s;padding:2px 4px;vertical-align:top} p{margin:0 0 8pt 0}</style></head><body>' % border]
def inline(s):
    s = re.sub(r'<[^>]+>', '', s)
    s = html.escape(s)
    s = re.sub(r'\*\*(.+?)\*\*', r'<b>\1</b>', s)
    return s
table = None
def flush():
    global table
    if table:
        out.append('<table border="%d" cellspacing="0" cellpadding="3">' % (0 if unruled else 1))
        wide = max(len(r) for r in table) > 10
        for r in table:
            if wide:
                out.append('<tr>' + ''.join(f'<td style="font-size:5pt"><font size="1" style="font-size:5pt">{inline(c.strip())}</font></td>' for c in r) + '</tr>')
            else:
                out.append('<tr>' + ''.join(f'<td>{inline(c.strip())}</td>' for c in r) + '</tr>')
        out.append('</table><p></p>')
    table = None
for line in src:
    if '--' in line and re.fullmatch(r'[-|:+= \t]+', line.strip()):
        continue
    if '\t' in line:
        table = table or []
        table.append(line.split('\t'))
        continue
    t = line.strip()
    if t.startswith('|') and t.endswith('|'):
        if re.fullmatch(r'[|\-: ]+', t):
            continue
        table = table or []
        table.append(t[1:-1].split('|'))
        continue
    if t == '' and table is not None:
        continue
    flush()
    if not t:
        continue
    m = re.match(r'^(#{1,6})\s+(.*)', t)
    if m:
        n = len(m.group(1)); out.append(f'<h{n}>{inline(m.group(2))}</h{n}>')
    else:
        out.append(f'<p>{inline(t)}</p>')
flush()
out.append('</body></html>')
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(out))
