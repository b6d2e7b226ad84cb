namespace StreamingHarness.FakeOllama.Scenarios;

/// <summary>
/// All scenarios of a server and how a request finds its own: the <c>X-Fake-Scenario</c> header wins, then the model
/// (a scenario serves the models it lists and a model named after itself), otherwise Ollama's 404.
/// </summary>
internal sealed class ScenarioCatalog
{
    public const string ScenarioHeader = "X-Fake-Scenario";

    private readonly Dictionary<string, Scenario> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Selection> _byModel = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Selection> _models = [];

    private readonly InstalledModels _installed;

    public ScenarioCatalog(IEnumerable<Scenario> scenarios, InstalledModels? installed = null)
    {
        _installed = installed ?? new InstalledModels();
        foreach (var scenario in scenarios)
        {
            if (!_byName.TryAdd(scenario.Name, scenario))
            {
                throw new ScenarioLoadException(
                    scenario.SourceFile, 0,
                    $"scenario name '{scenario.Name}' is used twice (also in {_byName[scenario.Name].SourceFile ?? "code"})");
            }

            var models = scenario.Models.ToList();
            if (!models.Any(m => ModelNames.Same(m.Name, scenario.Name)))
            {
                models.Add(ImplicitModel(scenario));
            }

            foreach (var model in models)
            {
                var selection = new Selection(scenario, model);
                if (!_byModel.TryAdd(model.FullName, selection))
                {
                    throw new ScenarioLoadException(
                        scenario.SourceFile, 0,
                        $"model '{model.Name}' is served by both scenario '{_byModel[model.FullName].Scenario.Name}' and scenario "
                        + $"'{scenario.Name}'");
                }

                _models.Add(selection);
            }
        }
    }

    public IReadOnlyCollection<Scenario> Scenarios => _byName.Values;

    /// <summary>Every model served, in declaration order, then those pulled, created or copied (less those deleted).</summary>
    public IReadOnlyList<Selection> Models =>
        [
            .. _models.Where(s => !_installed.IsRemoved(s.Model.FullName)),
            .. _installed.Added.Where(s => !_byModel.ContainsKey(s.Model.FullName)),
        ];

    /// <summary>The pulled, created, copied and deleted models.</summary>
    public InstalledModels Installed => _installed;

    /// <summary>The scenario whose <c>pull.models</c> lists <paramref name="model"/>.</summary>
    public Scenario? FindPullSource(string model) =>
        _byName.Values.FirstOrDefault(s => s.Pull?.Models.Any(m => ModelNames.Same(m, model)) == true);

    public Scenario? FindScenario(string name) => _byName.GetValueOrDefault(name);

    public Selection? FindModel(string model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        var name = ModelNames.Normalize(model);
        return _installed.IsRemoved(name) ? null : _byModel.GetValueOrDefault(name) ?? _installed.Find(name);
    }

    /// <summary>
    /// The selection for a request. <paramref name="unknownScenario"/> is set when the header names no scenario.
    /// </summary>
    public Selection? Select(string? headerScenario, string model, out string? unknownScenario)
    {
        unknownScenario = null;
        if (string.IsNullOrWhiteSpace(headerScenario))
        {
            return FindModel(model);
        }

        if (FindScenario(headerScenario.Trim()) is not { } scenario)
        {
            unknownScenario = headerScenario;
            return null;
        }

        var spec = scenario.Models.FirstOrDefault(m => ModelNames.Same(m.Name, model))
            ?? _byModel.Values.FirstOrDefault(s => s.Scenario == scenario && ModelNames.Same(s.Model.Name, scenario.Name))?.Model
            ?? ImplicitModel(scenario);
        return new Selection(scenario, spec);
    }

    private static ModelSpec ImplicitModel(Scenario scenario) => new()
    {
        Name = scenario.Name,
        Capabilities = scenario.Thinking is null ? ["completion", "tools"] : ["completion", "tools", "thinking"],
    };
}
