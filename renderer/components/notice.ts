/** A message to show later, kept as a key and its parameters so that it follows a change of language. */
export interface Notice {
  key: string;
  params: Record<string, string | number>;
}
