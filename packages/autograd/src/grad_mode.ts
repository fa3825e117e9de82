/** Grad mode: whether operations record history (torch.no_grad / torch.enable_grad / is_grad_enabled). */
let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

export function setGradEnabled(on: boolean): void {
  enabled = on;
}

function withMode<T>(on: boolean, fn: () => T): T {
  const prev = enabled;
  enabled = on;
  try {
    return fn();
  } finally {
    enabled = prev;
  }
}

/** Runs fn without recording history, like `with torch.no_grad():`. */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, fn);
}

/** Runs fn recording history even inside noGrad, like `with torch.enable_grad():`. */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, fn);
}
