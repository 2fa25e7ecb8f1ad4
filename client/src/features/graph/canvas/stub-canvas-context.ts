/**
 * jsdom has no 2D canvas, so cytoscape's renderer cannot start there. For component tests we
 * stub only the drawing context (every call a no-op, text measured by length); cytoscape's model,
 * events and layouts stay real.
 */
export function stubCanvasContext(): () => void {
  const original = HTMLCanvasElement.prototype.getContext;
  const context = new Proxy(
    {},
    {
      get(target: Record<string | symbol, unknown>, property) {
        if (property in target) return target[property];
        if (property === "measureText") {
          return (text: string) => ({ width: text.length * 6, actualBoundingBoxAscent: 8 });
        }
        if (property === "getImageData" || property === "createImageData") {
          return () => ({ data: new Uint8ClampedArray(4) });
        }
        if (property === "getTransform") return () => new DOMMatrix();
        if (property === "createLinearGradient" || property === "createRadialGradient") {
          return () => ({ addColorStop: () => undefined });
        }
        return () => undefined;
      },
      set(target, property, value) {
        target[property] = value;
        return true;
      },
    },
  );
  const stub = function getContext(this: HTMLCanvasElement) {
    Object.assign(context, { canvas: this });
    return context;
  };
  HTMLCanvasElement.prototype.getContext = stub as unknown as typeof original;
  return () => {
    HTMLCanvasElement.prototype.getContext = original;
  };
}
