using System.Diagnostics;
using System.Globalization;

namespace Shipgate.Samples.ModelService;

/// <summary>Counts and times every request by its route template (never the raw path: unbounded cardinality).</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, ServiceMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var code = context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
            metrics.Requests.WithLabels(route, code).Inc();
            metrics.RequestDuration.WithLabels(route).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
