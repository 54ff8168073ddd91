/** A counting semaphore: at most `size` holders at a time, the others wait in arrival order. */
export class Semaphore {
  #size: number;
  #held = 0;
  #waiting: Array<() => void> = [];

  /** `size` <= 0 means unlimited. */
  constructor(size: number) {
    this.#size = size;
  }

  /** Changing the size lets queued holders in at once when it grows. */
  resize(size: number): void {
    this.#size = size;
    this.#drain();
  }

  /** Holders waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Whether `acquire()` would wait now (every slot is held). */
  get full(): boolean {
    return this.#size > 0 && this.#held >= this.#size;
  }

  async acquire(): Promise<() => void> {
    if (this.#size <= 0 || this.#held < this.#size) {
      this.#held++;
    } else {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#held--;
      this.#drain();
    };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  #drain(): void {
    while (this.#waiting.length > 0 && (this.#size <= 0 || this.#held < this.#size)) {
      this.#held++;
      this.#waiting.shift()?.();
    }
  }
}
