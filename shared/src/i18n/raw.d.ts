/** A text file imported as its text (Vite's `?raw`), as the tests read the glossary. */
declare module "*.md?raw" {
  const text: string;
  export default text;
}
