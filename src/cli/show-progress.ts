const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const EVERY_MS = 200;

export interface Progress {
  /** Clears the line; nothing is left behind on the terminal. */
  stop(): void;
}

/**
 * A one-line spinner with the seconds waited, on stderr and only when stderr is a terminal (a pipe or a log file
 * gets nothing). `now` is for tests.
 */
export function showProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { stop: () => undefined };
  const started = now();
  let frame = 0;
  const draw = () => {
    const seconds = Math.floor((now() - started) / 1000);
    stream.write(`\r\u001b[2K${FRAMES[frame++ % FRAMES.length]} ${label}${seconds >= 1 ? ` ${seconds} s` : ''}`);
  };
  draw();
  const timer = setInterval(draw, EVERY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      stream.write('\r\u001b[2K');
    },
  };
}
