/**
 * A progress bar on stderr, only when stderr is a terminal and the replay is long enough to need one.
 */
export function progressBar(stream: NodeJS.WriteStream, total: number, threshold = 200) {
  const active = Boolean(stream.isTTY) && total >= threshold;
  let last = -1;
  return {
    update: (done: number) => {
      if (!active) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} events`);
    },
    done: () => {
      if (active) stream.write('\n');
    },
  };
}
