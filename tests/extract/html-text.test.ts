import { describe, expect, it } from 'vitest';
import { htmlToInlineText, htmlToText } from '../../src/extract/html-text.js';

describe('htmlToText (pages and feeds)', () => {
  it('makes paragraphs of blocks and drops scripts, forms, captions and hidden elements', () => {
    const html =
      '<div><h2>Head</h2><p>One <b>two</b><br>three</p><script>x()</script><form><p>Sign up</p></form>' +
      '<figure><img src="a.jpg"><figcaption>Caption</figcaption></figure><p hidden>secret</p>' +
      '<p aria-hidden="true">aria</p><p style="color: red; display: none">styled</p><p>Last &amp; &hearts;</p></div>';
    expect(htmlToText(html)).toBe('Head\n\nOne two\nthree\n\nLast & ♥');
  });

  it('keeps <pre> whitespace and reads a table row as one line', () => {
    expect(htmlToText('<pre>a  b\n c</pre><table><tr><td>x</td><td>y</td></tr></table>')).toBe(
      'a b\nc\n\nx y',
    );
  });

  it('decodes text without markup as the HTML parser would, on one line for titles', () => {
    expect(htmlToInlineText('Fish &amp; chips\n&#x1F600; &bogus; \u0007')).toBe('Fish & chips 😀 &bogus;');
  });
});
