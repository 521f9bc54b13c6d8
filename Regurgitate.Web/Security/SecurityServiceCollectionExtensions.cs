using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Regurgitate.Web.Security;

/// <summary>Wires the loopback-by-default rule and, when remote serving is allowed, the shared-password login.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>How long a login lasts without activity (sliding).</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(12);

    /// <summary>Refuses (throws <see cref="InsecureBindingException"/>) when the configured addresses or settings are not allowed.</summary>
    public static SecurityOptions AddRegurgitateSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        var errors = BindingCheck.Errors(BindingCheck.ConfiguredUrls(builder.Configuration), options);
        if (errors.Count > 0)
        {
            throw InsecureBindingException.From(errors);
        }

        var services = builder.Services;
        services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddRegurgitateForwardedHeaders(options);
        if (options.AllowRemote)
        {
            services.TryAddTimeProvider();
            services.AddSingleton<LoginThrottle>();
            services.AddSingleton<SessionRegistry>();
            services.AddScoped<SessionCookieEvents>();
            // One per circuit; components of the circuit reach the same instance (the session guard registers its closer).
            services.AddScoped<SessionCircuitHandler>();
            services.AddScoped<CircuitHandler>(provider => provider.GetRequiredService<SessionCircuitHandler>());
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
            {
                cookie.LoginPath = LoginEndpoints.LoginPath;
                cookie.LogoutPath = LoginEndpoints.LogoutPath;
                cookie.Cookie.Name = "regurgitate-auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = CookieLifetime;
                cookie.SlidingExpiration = true;
                cookie.EventsType = typeof(SessionCookieEvents);
            });
            services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            services.AddCascadingAuthenticationState();
        }

        return options;
    }

    /// <summary>Authentication in the pipeline when enabled, and a second check of the addresses the server actually bound.</summary>
    public static WebApplication UseRegurgitateSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var errors = BindingCheck.Errors(addresses, options);
            if (errors.Count > 0)
            {
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BindingCheck).FullName!);
                RefusedMessage(logger, InsecureBindingException.From(errors).Message, null);
                Environment.ExitCode = 1;
                app.Lifetime.StopApplication();
            }
        });

        if (options.AllowRemote)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        return app;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static readonly Action<ILogger, string, Exception?> RefusedMessage =
        LoggerMessage.Define<string>(LogLevel.Critical, new EventId(3, "InsecureBinding"), "{Message}");
}
