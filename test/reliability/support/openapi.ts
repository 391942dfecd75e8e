/** The parts of an OpenAPI 3 document the suites walk: every operation, its parameters and body schema. */
export interface OpenApiSchema {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  default?: unknown;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  $ref?: string;
  allOf?: OpenApiSchema[];
  nullable?: boolean;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI template, e.g. /api/execution/tasks/{id}. */
  path: string;
  params: OpenApiParameter[];
  bodySchema: OpenApiSchema | null;
}

interface Doc {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[]; requestBody?: unknown }>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operations(doc: Doc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = op.requestBody as { content?: Record<string, { schema?: OpenApiSchema }> } | undefined;
      const schema = body?.content?.['application/json']?.schema ?? null;
      out.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        bodySchema: schema ? resolve(doc, schema) : null,
      });
    }
  }
  return out;
}

export function resolve(doc: Doc, schema: OpenApiSchema): OpenApiSchema {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return resolve(doc, doc.components?.schemas?.[name] ?? {});
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(doc, s));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  return schema;
}

/** A plausible value for a schema: its example, default or first enum value, else one of its type. */
export function exampleFor(doc: Doc, raw: OpenApiSchema, depth = 0): unknown {
  const s = resolve(doc, raw);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return s.items && depth < 4 ? [exampleFor(doc, s.items, depth + 1)] : [];
    case 'string':
      return s.format === 'date-time' ? new Date().toISOString() : 'reliability';
    default: {
      const props = Object.entries(s.properties ?? {});
      return Object.fromEntries(props.map(([k, v]) => [k, depth < 4 ? exampleFor(doc, v, depth + 1) : null]));
    }
  }
}

/** A value for a path parameter that the route would accept. */
export function plausiblePathValue(p: OpenApiParameter): string {
  if (/firm/i.test(p.name)) return 'FTMO';
  const t = p.schema?.type;
  return t === 'string' && !/id$/i.test(p.name) ? 'reliability' : '1';
}

/** Fills `{name}` placeholders; `value` is already URL-safe or deliberately not. */
export function fillPath(template: string, value: (name: string) => string): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => value(name));
}

/** A free-text parameter: a string with no enum, pattern or format, where any text is a legal filter. */
export function isFreeText(s: OpenApiSchema | undefined): boolean {
  return !!s && s.type === 'string' && !s.enum && !s.pattern && !s.format;
}
