import type { Page } from 'playwright-core';

/**
 * Counts how often the React component that renders an element re-renders, as React DevTools
 * does: a stand-in for its global hook (installed before the page's script runs) sees every
 * commit; the component owning the watched element rendered in that commit when its committed
 * fiber is not the one seen at the previous commit and carries React's PerformedWork flag (a fiber
 * cloned on the way to an update elsewhere but bailed out has the flag cleared). Production build
 * friendly: no component names needed, the element is found by a CSS selector.
 */
export async function installRenderCounter(page: Page): Promise<void> {
  await page.addInitScript(() => {
    interface Fiber {
      type: unknown;
      flags: number;
      stateNode: unknown;
      child: Fiber | null;
      sibling: Fiber | null;
      return: Fiber | null;
    }
    const PERFORMED_WORK = 1;
    const counts: Record<string, number> = {};
    const seen = new Map<string, Fiber>();
    const hostFiber = (root: Fiber, node: Element): Fiber | undefined => {
      const stack: Fiber[] = [root];
      while (stack.length) {
        const f = stack.pop()!;
        if (f.stateNode === node) return f;
        if (f.sibling) stack.push(f.sibling);
        if (f.child) stack.push(f.child);
      }
      return undefined;
    };
    const w = window as unknown as Record<string, unknown>;
    w.__wardRenders = counts;
    w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => undefined,
      onScheduleFiberRoot: () => undefined,
      onCommitFiberUnmount: () => undefined,
      onPostCommitFiberRoot: () => undefined,
      onCommitFiberRoot(_renderer: number, root: { current: Fiber }) {
        for (const selector of Object.keys(counts)) {
          const node = document.querySelector(selector);
          let owner = node ? hostFiber(root.current, node)?.return : undefined;
          while (owner && typeof owner.type !== 'function') owner = owner.return;
          if (!owner) continue;
          const before = seen.get(selector);
          if (before && owner !== before && (owner.flags & PERFORMED_WORK) === PERFORMED_WORK) counts[selector]! += 1;
          seen.set(selector, owner);
        }
      },
    };
  });
}

/** Starts counting the renders of the component that renders the element `selector` finds. */
export async function watchRenders(page: Page, selector: string): Promise<void> {
  await page.evaluate((s) => {
    ((window as unknown as Record<string, unknown>).__wardRenders as Record<string, number>)[s] = 0;
  }, selector);
}

/** How often that component rendered since watchRenders. */
export async function renderCount(page: Page, selector: string): Promise<number> {
  return page.evaluate((s) => ((window as unknown as Record<string, unknown>).__wardRenders as Record<string, number>)[s] ?? 0, selector);
}
