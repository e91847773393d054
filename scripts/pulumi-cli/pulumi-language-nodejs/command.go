package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/google/shlex"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// programCommand is how one RunRequest is run: node's arguments and the variables added to the
// host's own environment (the program inherits everything else the engine gave the host).
type programCommand struct {
	Args []string
	Env  []string
}

// buildProgramCommand turns a RunRequest into the command line of `@pulumi/pulumi/cmd/run`. It is
// pure so that command_test.go can pin it against what Pulumi's own Node.js host passes
// (sdk/nodejs/cmd/pulumi-language-nodejs in pulumi/pulumi v3.248.0): the same flags in the same
// order and spelling, the same config encoding, the same environment variables. Two deliberate
// differences, both because this host does not proxy the resource monitor:
//   - --monitor is the engine's monitor address itself (Pulumi's host passes a local proxy), and
//   - no --sync directory, so the SDK makes its invokes over gRPC instead of through pipes.
func buildProgramCommand(req *pulumirpc.RunRequest, runPath, engineAddress, tracing string) (programCommand, error) {
	info := req.GetInfo()
	if info == nil {
		return programCommand{}, errors.New(
			"the engine sent Run without program info; this host is built for the v3.248.0 CLI, which sends it")
	}
	opts, err := parseRuntimeOptions(info.GetOptions().AsMap())
	if err != nil {
		return programCommand{}, err
	}
	nodeArgs, err := shlex.Split(opts.nodeargs)
	if err != nil {
		return programCommand{}, fmt.Errorf("runtime option nodeargs %q: %w", opts.nodeargs, err)
	}

	args := append(nodeArgs, runPath)
	// Empty values are left out: the run script treats a present-but-empty flag as set.
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("root-directory", info.GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	// Always present, 0 included, as Pulumi's host passes it.
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("tracing", tracing)
	// The engine always names an entry point ("." for the program directory's package.json main).
	// The run script stops parsing flags at it, so the program's own arguments follow verbatim.
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	cfg, err := encodeConfig(req.GetConfig())
	if err != nil {
		return programCommand{}, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return programCommand{}, fmt.Errorf("encoding the secret config keys: %w", err)
	}
	// Variable names are the ones @pulumi/pulumi reads (runtime/config.ts, cmd/run/run.ts).
	env := []string{"PULUMI_CONFIG=" + cfg, "PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeysJSON)}
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	return programCommand{Args: args, Env: env}, nil
}

// encodeConfig renders stack config as the JSON object PULUMI_CONFIG holds, with keys in the
// `<namespace>:config:<name>` form: Pulumi's host writes that older form so that old SDKs can read
// it, and current SDKs accept both, so matching it keeps programs seeing exactly what they would
// under Pulumi's host.
func encodeConfig(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", fmt.Errorf("stack config key %q: %w", k, err)
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	b, err := json.Marshal(out)
	if err != nil {
		return "", fmt.Errorf("encoding the stack config: %w", err)
	}
	return string(b), nil
}
