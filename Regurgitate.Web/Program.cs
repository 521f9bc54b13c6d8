using Regurgitate.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddRegurgitateWebServices();

var app = builder.Build();
app.UseRegurgitateWeb();
await app.RunAsync();
