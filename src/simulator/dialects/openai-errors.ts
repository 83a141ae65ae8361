function typeAndCode(status: number): [type: string, code: string | null] {
  if (status === 401) return ['invalid_request_error', 'invalid_api_key'];
  if (status === 404) return ['invalid_request_error', 'model_not_found'];
  if (status === 429) return ['requests', 'rate_limit_exceeded'];
  if (status >= 500) return ['server_error', 'server_error'];
  return ['invalid_request_error', null];
}

/** OpenAI's JSON error body, shared by Chat Completions and Responses. */
export function openAiErrorBody(status: number, message: string) {
  const [type, code] = typeAndCode(status);
  return { error: { message, type, param: null, code } };
}
