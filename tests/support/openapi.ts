/**
 * Every /api operation the service declares, read from its own /openapi.json, so a test that
 * walks them covers a new route without being edited.
 */

export type JsonSchema = Record<string, unknown>;

export interface DeclaredOperation {
  /** Upper case, e.g. "PUT". */
  method: string;
  /** As OpenAPI writes it, e.g. "/api/meetings/{id}/plan". */
  path: string;
  /** The roles allowed, from the operation's description ("Roles: a, b"). */
  roles: string[];
  /** The audit action a successful call records (writes only). */
  audit?: string;
  pathParameters: string[];
  queryParameters: { name: string; required: boolean; schema: JsonSchema }[];
  /** The JSON schema of the request body, when the operation takes one. */
  body?: JsonSchema;
}

interface OpenApiOperation {
  description?: string;
  "x-audit"?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export function operationsOf(doc: {
  paths: Record<string, Record<string, OpenApiOperation>>;
}): DeclaredOperation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      roles: (/Roles: (.*)$/m.exec(op.description ?? "")?.[1] ?? "").split(", ").filter(Boolean),
      ...(op["x-audit"] ? { audit: op["x-audit"] } : {}),
      pathParameters: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
      queryParameters: (op.parameters ?? [])
        .filter((p) => p.in === "query")
        .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} })),
      ...(op.requestBody?.content?.["application/json"]?.schema
        ? { body: op.requestBody.content["application/json"].schema }
        : {}),
    })),
  );
}

/** The service's declared operations, read over HTTP. */
export async function declaredOperations(serviceUrl: string): Promise<DeclaredOperation[]> {
  const response = await fetch(`${serviceUrl}/openapi.json`);
  return operationsOf((await response.json()) as { paths: Record<string, Record<string, OpenApiOperation>> });
}

/** The operation's URL with each path parameter filled in (encoded) by `value`. */
export function urlOf(
  serviceUrl: string,
  op: DeclaredOperation,
  value: (parameter: string) => string,
  query = "",
): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => percent(value(name)));
  return `${serviceUrl}${path}${query ? `?${query}` : ""}`;
}

/** Percent-encoding as a browser sends it; a lone surrogate (which has no UTF-8) goes as the bytes a sloppy client sends. */
export function percent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80";
  }
}
