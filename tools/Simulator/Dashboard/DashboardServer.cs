using System;
using System.IO;
using System.Linq;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace HomeNode.Simulator.Dashboard
{
    /// <summary>
    /// Serves the dashboard on 127.0.0.1: the page, its script and style (wwwroot, copied to dashboard/ next to the
    /// simulator by the build), MQTT.js (mqtt.min.js, copied there from node_modules by the build) and
    /// <c>/config.json</c> (<see cref="DashboardSettings"/>). The page then talks to the broker only.
    /// </summary>
    public sealed class DashboardServer : IDisposable
    {
        /// <summary>MQTT.js's browser bundle (node_modules/mqtt/dist), which the page loads.</summary>
        public const string LibraryFileName = "mqtt.min.js";

        private readonly WebApplication app;

        private DashboardServer(WebApplication app, int port)
        {
            this.app = app;
            this.Port = port;
        }

        public int Port { get; }

        public string Url => "http://127.0.0.1:" + this.Port.ToString() + "/";

        /// <summary>Where the build puts the page: dashboard/ next to the simulator.</summary>
        public static string ContentDirectory => Path.Combine(AppContext.BaseDirectory, "dashboard");

        /// <summary>Why the dashboard cannot be served from <paramref name="directory"/>, in one line; null when it can.</summary>
        public static string MissingFiles(string directory)
        {
            if (!File.Exists(Path.Combine(directory, "index.html")))
            {
                return "dashboard: off: its page is not in " + directory + " (build tools/Simulator)";
            }

            if (!File.Exists(Path.Combine(directory, LibraryFileName)))
            {
                return "dashboard: off: it needs MQTT.js from npm, which the build installs with npm; install Node.js and npm (apt-get install nodejs npm) and build again";
            }

            return null;
        }

        /// <summary>Serves <paramref name="directory"/> and <paramref name="settings"/> on 127.0.0.1:<paramref name="port"/> (0: a free port).</summary>
        public static DashboardServer Start(int port, string directory, DashboardSettings settings)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            WebApplication app = builder.Build();
            string json = settings.ToJson();
            app.MapGet("/config.json", (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return Results.Text(json, "application/json");
            });
            PhysicalFileProvider files = new PhysicalFileProvider(Path.GetFullPath(directory));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
            });
            try
            {
                app.StartAsync().GetAwaiter().GetResult();
            }
            catch
            {
                ((IDisposable)app).Dispose();
                throw;
            }

            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            return new DashboardServer(app, new Uri(address).Port);
        }

        public void Dispose()
        {
            this.app.StopAsync().Wait(TimeSpan.FromSeconds(5));
            ((IDisposable)this.app).Dispose();
        }
    }
}
