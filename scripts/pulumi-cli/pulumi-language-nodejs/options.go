package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// hostFlags is the host's own command line: the flags the engine passes to every plugin
// (sdk/go/common/resource/plugin: --logtostderr and -v=N when logs flow, --tracing when tracing),
// the two that Pulumi's Node.js host adds (-runtime, -version), and the engine address, which the
// engine always passes last.
type hostFlags struct {
	engineAddress string
	tracing       string
	verbose       int
	logToStderr   bool
	showVersion   bool
}

// acceptedFlags names every flag parseFlags accepts, for its error message.
const acceptedFlags = "-tracing <endpoint>, -v=<level>, -logtostderr, -runtime=nodejs, -version"

// parseFlags parses the host's arguments strictly: an unknown flag, a bad value, a runtime other
// than nodejs or more than one positional argument is an error that says what is accepted, so a
// CLI that passes something new fails loudly instead of being half-understood.
func parseFlags(args []string) (hostFlags, error) {
	var f hostFlags
	fs := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	// The flag package would print its own usage; the error returned here says it all.
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.tracing, "tracing", "", "emit tracing to this Zipkin-compatible endpoint (passed to the program)")
	fs.IntVar(&f.verbose, "v", 0, "log verbosity; at 5 and above the host logs the command it runs")
	fs.BoolVar(&f.logToStderr, "logtostderr", false, "log to stderr (the host always does)")
	runtime := fs.String("runtime", "nodejs", "the JavaScript runtime; only nodejs is supported")
	fs.BoolVar(&f.showVersion, "version", false, "print the host's version and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, fmt.Errorf("usage: pulumi-language-nodejs [%s] [engine address]", acceptedFlags)
		}
		return f, fmt.Errorf("%w (accepted: %s, then the engine address)", err, acceptedFlags)
	}
	if *runtime != "nodejs" {
		return f, fmt.Errorf("unsupported -runtime %q: this host runs only nodejs", *runtime)
	}
	switch rest := fs.Args(); len(rest) {
	case 0:
	case 1:
		f.engineAddress = rest[0]
	default:
		return f, fmt.Errorf("expected at most one argument (the engine address), got %d: %s",
			len(rest), strings.Join(rest, " "))
	}
	return f, nil
}

// runtimeOptions are Pulumi.yaml's `runtime.options` for nodejs.
type runtimeOptions struct {
	// typescript runs the program through ts-node (default true, as in Pulumi's host).
	typescript bool
	// tsconfig is the tsconfig.json path handed to ts-node.
	tsconfig string
	// nodeargs are extra arguments for node, split like a shell would.
	nodeargs string
}

// packageManagers are the values Pulumi's host accepts for `packagemanager`. This host installs
// nothing, so the option is only validated.
var packageManagers = map[string]bool{"auto": true, "npm": true, "yarn": true, "pnpm": true, "bun": true}

// parseRuntimeOptions validates the options strictly: each known option must have its type, and an
// unknown one (a typo, or an option of another language) is an error naming the accepted ones.
func parseRuntimeOptions(options map[string]any) (runtimeOptions, error) {
	opts := runtimeOptions{typescript: true}
	keys := make([]string, 0, len(options))
	for k := range options {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the first error reported does not depend on map order
	for _, k := range keys {
		v := options[k]
		var ok bool
		switch k {
		case "typescript":
			opts.typescript, ok = v.(bool)
			if !ok {
				return opts, fmt.Errorf("runtime option typescript must be a boolean, got %v", describe(v))
			}
		case "tsconfig":
			opts.tsconfig, ok = v.(string)
			if !ok {
				return opts, fmt.Errorf("runtime option tsconfig must be a string, got %v", describe(v))
			}
		case "nodeargs":
			opts.nodeargs, ok = v.(string)
			if !ok {
				return opts, fmt.Errorf("runtime option nodeargs must be a string, got %v", describe(v))
			}
		case "packagemanager":
			pm, isString := v.(string)
			if !isString || !packageManagers[pm] {
				return opts, fmt.Errorf(
					"runtime option packagemanager must be one of auto, npm, yarn, pnpm or bun, got %v", describe(v))
			}
		default:
			return opts, fmt.Errorf(
				"unknown runtime option %q in Pulumi.yaml (nodejs accepts typescript, tsconfig, nodeargs, packagemanager)", k)
		}
	}
	return opts, nil
}

// describe renders an option value with its type, for error messages.
func describe(v any) string {
	return fmt.Sprintf("%#v (%T)", v, v)
}
