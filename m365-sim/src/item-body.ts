/** Plain text of an HTML or text body, cut to Graph's 255-character bodyPreview. */
export function previewOf(content: string): string {
  return content
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 255);
}
