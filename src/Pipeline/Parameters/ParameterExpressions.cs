using System.Linq.Expressions;
using System.Reflection;

namespace Shipgate.Pipeline.Parameters;

/// <summary>Reads the member a parameter lambda names: <c>() =&gt; ReleaseVersion</c>, also through a conversion (<c>TryGetValue&lt;int?&gt;(() =&gt; Port)</c>).</summary>
internal static class ParameterExpressions
{
    public static MemberInfo? MemberOf(LambdaExpression lambda)
    {
        var body = lambda.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } conversion)
            body = conversion.Operand;
        return body is MemberExpression { Member: FieldInfo or PropertyInfo } member ? member.Member : null;
    }
}
