/**
 * Every react-query key of the graph feature, built hierarchically so that one call
 * (`invalidateQueries({ queryKey: entityKeys.all })`) refreshes everything about entities.
 */
export const entityKeys = {
  all: ["entity"] as const,
  detail: (type: string, id: string) => [...entityKeys.all, type, id] as const,
  links: (type: string, id: string) => [...entityKeys.detail(type, id), "links"] as const,
  label: (type: string, id: string) => [...entityKeys.detail(type, id), "label"] as const,
};

export const configKeys = {
  all: ["config"] as const,
};
