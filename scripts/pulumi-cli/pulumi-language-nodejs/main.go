// Command pulumi-language-nodejs is a minimal Pulumi language host for Node.js programs.
//
// Why it exists: the Pulumi CLI needs a language plugin to run a program. Pulumi's own Node.js host
// lives in a Go module that this machine's module proxy does not serve, so the project builds this
// small host instead, against the same sdk/v3 release as the CLI. It implements only what the
// engine needs to run a program whose resources are all dynamic (no plugins to install, no code
// generation): Handshake, GetRequiredPackages/Plugins (nothing required), GetPluginInfo and Run.
//
// Run starts `node <@pulumi/pulumi>/cmd/run` exactly as the Node.js SDK expects (flags documented
// in that script's usage(); stack config passed in the PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS
// environment variables, read by the SDK's runtime/config.ts).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	pbempty "google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is stamped at build time (-X main.version=...) so `pulumi about` reports something real.
var version = "3.248.0"

// nodeExitAfterLoggedError is the exit code the SDK's run script uses when it has already shown
// the error to the user (sdk/nodejs/cmd/run/index.ts); the engine must then print nothing more.
const nodeExitAfterLoggedError = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func main() {
	// The engine passes its own address as the last positional argument; earlier arguments are
	// logging flags (-v=N, --logtostderr, --tracing ...) that this host has no use for.
	engine := ""
	for _, a := range os.Args[1:] {
		if !strings.HasPrefix(a, "-") {
			engine = a
		}
	}
	h := &host{engineAddress: engine}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

func (h *host) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.EngineAddress != "" {
		h.engineAddress = req.EngineAddress
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(ctx context.Context, _ *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// GetRequiredPackages reports nothing: dynamic providers are served by the pulumi-nodejs plugin,
// which the engine loads by name when the first dynamic resource registers.
func (h *host) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir, entry, rootDir := req.Pwd, req.Program, ""
	var options map[string]any
	if info := req.Info; info != nil {
		if info.ProgramDirectory != "" {
			programDir = info.ProgramDirectory
		}
		if info.EntryPoint != "" {
			entry = info.EntryPoint
		}
		rootDir = info.RootDirectory
		if info.Options != nil {
			options = info.Options.AsMap()
		}
	}
	if entry == "" {
		entry = "."
	}
	runScript, err := findRunScript(programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := []string{}
	if nodeargs, ok := options["nodeargs"].(string); ok && nodeargs != "" {
		args = append(args, strings.Fields(nodeargs)...)
	}
	args = append(args, runScript,
		"--monitor="+req.MonitorAddress,
		"--engine="+h.engineAddress,
		"--project="+req.Project,
		"--stack="+req.Stack,
		"--pwd="+programDir,
	)
	if req.Organization != "" {
		args = append(args, "--organization="+req.Organization)
	}
	if rootDir != "" {
		args = append(args, "--root-directory="+rootDir)
	}
	if req.DryRun {
		args = append(args, "--dry-run")
	}
	if req.Parallel > 0 {
		args = append(args, "--parallel="+strconv.Itoa(int(req.Parallel)))
	}
	args = append(args, entry)
	args = append(args, req.Args...)

	config, err := json.Marshal(req.Config)
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(orEmpty(req.ConfigSecretKeys))
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
	)
	// Pulumi.yaml `runtime.options.typescript` defaults to true, as in Pulumi's own host.
	typescript := true
	if v, ok := options["typescript"].(bool); ok {
		typescript = v
	}
	env = append(env, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(typescript))
	if ts, ok := options["tsconfig"].(string); ok && ts != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+ts)
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = programDir
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if exit.ExitCode() == nodeExitAfterLoggedError {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("failed to start node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// findRunScript looks for @pulumi/pulumi's run entry point in node_modules, walking up from the
// program directory as Node's own module resolution does.
func findRunScript(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules", "@pulumi", "pulumi", "cmd", "run")
		if _, err := os.Stat(filepath.Join(candidate, "index.js")); err == nil {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", fmt.Errorf("could not find node_modules/@pulumi/pulumi/cmd/run above %s: "+
		"run `npm install` in the program directory", abs)
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
