/**
 * Training progress within an epoch: a redrawn bar on a terminal, and otherwise (a log file, a
 * pipe, CI) a plain line every few seconds, since a timer cannot fire inside the training loop.
 */
import * as cliProgress from 'cli-progress';

export interface EpochProgress {
  update(batch: number, samples: number, loss: number): void;
  stop(): void;
}

export interface ProgressOptions {
  epoch: number;
  epochs: number;
  batches: number;
  /** Where plain lines go. */
  write: (line: string) => void;
  /** Seconds between plain lines. */
  everySeconds: number;
  /** Draw a bar on stderr (a terminal) instead of plain lines. */
  terminal: boolean;
  now?: () => number;
}

/** Starts the progress display of one epoch. */
export function startEpochProgress(o: ProgressOptions): EpochProgress {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  const speed = (samples: number) => (samples / Math.max((now() - t0) / 1000, 1e-9)).toFixed(0);
  if (o.terminal) {
    const bar = new cliProgress.SingleBar({
      format: `epoch ${o.epoch}/${o.epochs} [{bar}] {value}/{total} batches | {speed} samples/s | loss {loss}`,
      hideCursor: true, clearOnComplete: true,
    }, cliProgress.Presets.shades_classic);
    bar.start(o.batches, 0, { speed: '-', loss: '-' });
    return {
      update: (batch, samples, loss) => bar.update(batch, { speed: speed(samples), loss: loss.toFixed(4) }),
      stop: () => bar.stop(),
    };
  }
  let last = t0;
  return {
    update(batch, samples, loss) {
      if (batch >= o.batches || now() - last < o.everySeconds * 1000) return;
      last = now();
      o.write(`epoch ${o.epoch}/${o.epochs} batch ${batch}/${o.batches} | ${speed(samples)} samples/s | loss ${loss.toFixed(4)}`);
    },
    stop: () => undefined,
  };
}
