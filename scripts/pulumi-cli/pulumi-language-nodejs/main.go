// Command pulumi-language-nodejs is a minimal Pulumi language host for Node.js programs.
//
// Why it exists: the Pulumi CLI needs a language plugin to run a program. Pulumi's own Node.js host
// lives in a Go module that this machine's module proxy does not serve, so the project builds this
// small host instead, against the same sdk/v3 release as the CLI. It implements only what the
// engine needs to run a program whose resources are all dynamic (no plugins to install, no code
// generation): Handshake, GetRequiredPackages/Plugins (nothing required), GetPluginInfo and Run.
//
// Run starts `node <@pulumi/pulumi>/cmd/run` with the arguments and environment Pulumi's own host
// gives it (command.go, pinned by command_test.go), in a process group of its own that gets SIGINT
// and then SIGKILL when the run is cancelled (process.go). When the engine is gone (engine.go) the
// host stops its program and the provider plugins the engine left running (plugins_linux.go) and
// exits, so a SIGKILLed CLI leaves no host, program or dynamic provider behind.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"
	pbempty "google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is stamped at build time (-X main.version=...) so `pulumi about` reports something real.
var version = "3.248.0"

// nodeExitAfterLoggedError is the exit code the SDK's run script uses when it has already shown
// the error to the user (sdk/nodejs/cmd/run/index.ts); the engine must then print nothing more.
const nodeExitAfterLoggedError = 32

// host serves the LanguageRuntime gRPC service for one engine.
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	tracing       string
	verbose       int
	// stopping ends when the host shuts down; every running program is then stopped.
	stopping context.Context
	// programs counts running programs, so that shutdown can wait for them to stop; mu orders
	// starting a program against shutdown, so none starts once shutdown is waiting.
	programs sync.WaitGroup
	mu       sync.Mutex
}

func main() {
	os.Exit(serve(os.Args[1:]))
}

// serve runs the host until the engine stops it, interrupts it or is gone, and returns the exit
// code. Whatever ends it, running programs are stopped (SIGINT, then SIGKILL) before it returns.
func serve(args []string) int {
	flags, err := parseFlags(args)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		return 2
	}
	if flags.showVersion {
		fmt.Println(version)
		return 0
	}
	// When the CLI dies, nobody reads the host's stdout and stderr any more, and Go's default is to
	// die of SIGPIPE on such a write to them, before the host has stopped anything. Handling the
	// signal makes those writes fail with EPIPE instead. (A handler, unlike ignoring the signal,
	// is not inherited by the program.)
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	// The engine stops a plugin by interrupting its process group; programs run in groups of their
	// own, so the host must catch that and stop them itself.
	interrupted, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stopSignals()
	stopping, stop := context.WithCancel(context.Background())
	defer stop()

	h := &host{engineAddress: flags.engineAddress, tracing: flags.tracing, verbose: flags.verbose, stopping: stopping}
	cancelServer := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancelServer,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		return 1
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)

	var engineGone <-chan string // nil (never ready) without an engine to watch
	if flags.engineAddress != "" {
		engineGone = watchEngine(stopping, flags.engineAddress, os.Getppid(), engineCheckInterval, engineMisses)
	}
	code := 0
	var plugins chan []int // the engine's orphaned plugins being stopped, when it is gone
	select {
	case err := <-handle.Done:
		if err != nil {
			fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
			code = 1
		}
	case <-interrupted.Done():
	case why := <-engineGone:
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %s; stopping the program and exiting\n", why)
		code = 1
		plugins = make(chan []int, 1)
		go func() { plugins <- stopOrphanedPlugins(flags.engineAddress, stopGrace) }()
	}
	h.mu.Lock()
	stop()
	h.mu.Unlock()
	h.programs.Wait()
	if plugins != nil {
		if pids := <-plugins; len(pids) > 0 {
			fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: stopped %d provider plugin(s) the engine left running: %v\n",
				len(pids), pids)
		}
	}
	close(cancelServer)
	// A Run reply may have no one left to receive it; do not wait long for the server to drain.
	select {
	case <-handle.Done:
	case <-time.After(time.Second):
	}
	return code
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

// Run runs the program with `node @pulumi/pulumi/cmd/run` (see buildProgramCommand) and reports
// how it ended. The program is stopped if the engine cancels the call or the host shuts down.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	runScript, err := findRunScript(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	command, err := buildProgramCommand(req, runScript, h.engineAddress, h.tracing)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find node on the $PATH: %v", err)}, nil
	}

	h.mu.Lock()
	if h.stopping.Err() != nil {
		h.mu.Unlock()
		return &pulumirpc.RunResponse{Error: "the language host is shutting down"}, nil
	}
	h.programs.Add(1)
	h.mu.Unlock()
	defer h.programs.Done()
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(h.stopping, cancel)()

	cmd := exec.Command(nodeBin, command.Args...)
	cmd.Dir = req.GetInfo().GetProgramDirectory()
	cmd.Env = append(os.Environ(), command.Env...)
	// Node may switch its stdout/stderr to non-blocking mode, which would change the host's own
	// descriptors if they were shared; copying through pipes keeps them apart.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	if h.verbose >= 5 {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: running %s %s\n", nodeBin, strings.Join(command.Args, " "))
	}
	// runProgram returns once node has exited and its output has been copied through.
	if err = runProgram(runCtx, cmd, stopGrace); err == nil {
		return &pulumirpc.RunResponse{}, nil
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the program with node: %v", err)}, nil
	}
	switch code := exit.ExitCode(); code {
	case nodeExitAfterLoggedError:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case -1:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program was stopped by a signal (%v)", exit)}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}, nil
	}
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
