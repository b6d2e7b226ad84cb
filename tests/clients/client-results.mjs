// What a check script saw, printed as one JSON line at the end: each attempt's value under its name, or the error the
// client threw (its class, HTTP status and message).
export function clientResults() {
  const result = {};
  async function attempt(name, run) {
    try {
      result[name] = await run();
    } catch (error) {
      result[name] = { error: error.constructor.name, status: error.status ?? null, message: error.message };
    }
  }

  return { result, attempt };
}
