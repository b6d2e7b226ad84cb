namespace StreamingHarness.Testing.Network;

/// <summary>The readiness probe for a server a test started as a process: it answers a GET with a success status.</summary>
public static class HttpProbe
{
    public static async Task<bool> AnswersAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
