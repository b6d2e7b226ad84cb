using System.Buffers;
using System.Text;

namespace StreamingHarness.Benchmarks;

/// <summary>Ollama lines as the fake writes them: the inputs every per-line benchmark reads.</summary>
internal static class SampleLines
{
    public static readonly byte[] Content = Encoding.UTF8.GetBytes(
        """{"model":"llama3.2","created_at":"2026-11-30T08:00:00.1234567Z","message":{"role":"assistant","content":" ipsu"},"""
        + "\"done\":false}");

    public static readonly byte[] Done = Encoding.UTF8.GetBytes(
        """{"model":"llama3.2","created_at":"2026-11-30T08:00:00.1234567Z","message":{"role":"assistant","content":""},"""
        + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1,\"load_duration\":1,\"prompt_eval_count\":1,"
        + "\"eval_count\":960,\"eval_duration\":1}");

    public static ReadOnlySequence<byte> ContentSequence { get; } = new(Content);
}
