using Regurgitate.Web;
using Regurgitate.Web.Security;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddRegurgitateWebServices();
}
catch (InsecureBindingException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

var app = builder.Build();
app.UseRegurgitateWeb();
await app.RunAsync();
return Environment.ExitCode;
