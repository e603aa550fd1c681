using Shipgate.Core.Yaml;
using Shipgate.Gates.Templates;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Gates.Yaml;

/// <summary>Gates-file values that are query templates: their variables must be known, or the error names the node.</summary>
internal static class YamlTemplates
{
    public static string? Template(this YamlMap map, string key, IReadOnlyCollection<string> knownVariables)
    {
        if (map.Optional(key) is not { } node)
            return null;
        var text = map.Scalar(node, key);
        map.CheckTemplate(node, text, knownVariables);
        return text;
    }

    public static string RequiredTemplate(this YamlMap map, string key, IReadOnlyCollection<string> knownVariables)
    {
        var node = map.Required(key);
        var text = map.Scalar(node, key);
        if (node.Start.Line > 0)
            map.CheckTemplate(node, text, knownVariables);
        return text;
    }

    public static void CheckTemplate(this YamlMap map, YamlNode node, string text, IReadOnlyCollection<string> knownVariables)
    {
        try
        {
            QueryTemplate.CheckVariables(text, knownVariables);
        }
        catch (TemplateException e)
        {
            throw map.Error(node, e.Message);
        }
    }
}
