/** Keeps the last lines a child process printed, to explain why it failed. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 30) {}

  push(chunk: string | Buffer): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line.trim() !== '') this.remember(line);
    }
  }

  /** The remembered lines, oldest first, including an unterminated last line. */
  text(): string {
    const lines = this.partial.trim() === '' ? this.lines : [...this.lines, this.partial];
    return lines.slice(-this.maxLines).join('\n');
  }

  private remember(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.shift();
  }
}
