using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamingHarness.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the client, its embedding generator and its validated options.</summary>
public static class OllamaServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OllamaStreamingChatClient"/> (also as <see cref="IChatClient"/>) and
    /// <see cref="OllamaEmbeddingGenerator"/> (also as <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>), as
    /// singletons, with <see cref="OllamaStreamingOptions"/> bound from <paramref name="configuration"/> (e.g.
    /// <c>builder.Configuration.GetSection("Ollama")</c>) and validated when the host starts.
    /// </summary>
    public static IServiceCollection AddOllamaStreamingChatClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddOllamaStreamingChatClient(builder => builder.Bind(configuration));
    }

    /// <summary>As <see cref="AddOllamaStreamingChatClient(IServiceCollection, IConfiguration)"/>, with the options set in code.</summary>
    public static IServiceCollection AddOllamaStreamingChatClient(
        this IServiceCollection services, Action<OllamaStreamingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddOllamaStreamingChatClient(builder => builder.Configure(configure));
    }

    private static IServiceCollection AddOllamaStreamingChatClient(
        this IServiceCollection services, Action<OptionsBuilder<OllamaStreamingOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OllamaStreamingOptions>();
        configure(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OllamaStreamingOptions>, OllamaStreamingOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<OllamaStreamingOptions>, OllamaStreamingOptionsConsistencyValidator>());
        services.TryAddSingleton(sp => new OllamaStreamingChatClient(
            sp.GetRequiredService<IOptions<OllamaStreamingOptions>>().Value, httpClient: null, sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IChatClient>(sp => sp.GetRequiredService<OllamaStreamingChatClient>());
        services.TryAddSingleton(sp => new OllamaEmbeddingGenerator(
            sp.GetRequiredService<IOptions<OllamaStreamingOptions>>().Value, httpClient: null, sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<OllamaEmbeddingGenerator>());
        return services;
    }
}
