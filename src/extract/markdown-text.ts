/**
 * Reduces Markdown to plain text lines for the cleaner: headings' `#`, emphasis markers, blockquote
 * markers, images, HTML comments and link syntax are removed (link text kept). Line structure is kept.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/\s+#+\s*$/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^\s*(?:```|~~~).*$/, '')
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
        .replace(/(^|[\s(])[*_](?=\S)([^*_]+?)(?<=\S)[*_](?=$|[\s).,;:!?])/g, '$1$2'),
    )
    .join('\n');
}
