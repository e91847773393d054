package main

import (
	"reflect"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

// The expected command lines below are what Pulumi's own Node.js host (pulumi/pulumi v3.248.0,
// sdk/nodejs/cmd/pulumi-language-nodejs/main.go: constructArguments, constructConfig,
// constructConfigSecretKeys, execRuntime, parseOptions) passes for the same request, written out by
// hand, except for the two documented differences: --monitor is the engine's monitor (Pulumi's
// host passes its proxy's address) and there is no --sync directory.

func programInfo(t *testing.T, options map[string]any) *pulumirpc.ProgramInfo {
	t.Helper()
	opts, err := structpb.NewStruct(options)
	if err != nil {
		t.Fatal(err)
	}
	return &pulumirpc.ProgramInfo{
		RootDirectory:    "/proj",
		ProgramDirectory: "/proj/program",
		EntryPoint:       ".",
		Options:          opts,
	}
}

func TestBuildProgramCommandMatchesPulumisHost(t *testing.T) {
	cases := []struct {
		name     string
		req      *pulumirpc.RunRequest
		engine   string
		tracing  string
		wantArgs []string
		wantEnv  []string
	}{
		{
			name: "an up with everything set",
			req: &pulumirpc.RunRequest{
				MonitorAddress:   "127.0.0.1:4001",
				Organization:     "acme",
				Project:          "flags",
				Stack:            "dev",
				DryRun:           true,
				Parallel:         16,
				Args:             []string{"--program-flag", "x"},
				Config:           map[string]string{"statsig:apiUrl": "http://127.0.0.1:9", "flags:tier": "gold"},
				ConfigSecretKeys: []string{"statsig:consoleApiKey"},
				Info: func() *pulumirpc.ProgramInfo {
					info := programInfo(t, map[string]any{
						"typescript": true, "tsconfig": "tsconfig.pulumi.json",
						"nodeargs": `--max-old-space-size=4096 --title "a b"`, "packagemanager": "npm",
					})
					info.EntryPoint = "index.ts"
					return info
				}(),
			},
			engine:  "127.0.0.1:4000",
			tracing: "http://zipkin:9411",
			wantArgs: []string{
				"--max-old-space-size=4096", "--title", "a b",
				"/nm/@pulumi/pulumi/cmd/run",
				"--monitor", "127.0.0.1:4001",
				"--engine", "127.0.0.1:4000",
				"--organization", "acme",
				"--project", "flags",
				"--root-directory", "/proj",
				"--stack", "dev",
				"--pwd", "/proj/program",
				"--dry-run",
				"--parallel", "16",
				"--tracing", "http://zipkin:9411",
				"index.ts",
				"--program-flag", "x",
			},
			wantEnv: []string{
				`PULUMI_CONFIG={"flags:config:tier":"gold","statsig:config:apiUrl":"http://127.0.0.1:9"}`,
				`PULUMI_CONFIG_SECRET_KEYS=["statsig:consoleApiKey"]`,
				"PULUMI_NODEJS_TYPESCRIPT=true",
				"PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.pulumi.json",
			},
		},
		{
			name: "a minimal run: empty values left out, parallel 0 kept, empty config as {} and []",
			req: &pulumirpc.RunRequest{
				MonitorAddress: "127.0.0.1:4001",
				Project:        "flags",
				Stack:          "dev",
				Info:           programInfo(t, nil),
			},
			engine: "127.0.0.1:4000",
			wantArgs: []string{
				"/nm/@pulumi/pulumi/cmd/run",
				"--monitor", "127.0.0.1:4001",
				"--engine", "127.0.0.1:4000",
				"--project", "flags",
				"--root-directory", "/proj",
				"--stack", "dev",
				"--pwd", "/proj/program",
				"--parallel", "0",
				".",
			},
			wantEnv: []string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]", "PULUMI_NODEJS_TYPESCRIPT=true"},
		},
		{
			name: "typescript: false sets no PULUMI_NODEJS_TYPESCRIPT at all",
			req: &pulumirpc.RunRequest{
				MonitorAddress: "127.0.0.1:4001",
				Project:        "flags",
				Stack:          "dev",
				Info:           programInfo(t, map[string]any{"typescript": false}),
			},
			wantArgs: []string{
				"/nm/@pulumi/pulumi/cmd/run",
				"--monitor", "127.0.0.1:4001",
				"--project", "flags",
				"--root-directory", "/proj",
				"--stack", "dev",
				"--pwd", "/proj/program",
				"--parallel", "0",
				".",
			},
			wantEnv: []string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := buildProgramCommand(c.req, "/nm/@pulumi/pulumi/cmd/run", c.engine, c.tracing)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Args, c.wantArgs) {
				t.Errorf("args:\n got %q\nwant %q", got.Args, c.wantArgs)
			}
			if !reflect.DeepEqual(got.Env, c.wantEnv) {
				t.Errorf("env:\n got %q\nwant %q", got.Env, c.wantEnv)
			}
		})
	}
}

func TestBuildProgramCommandRejectsBadInput(t *testing.T) {
	cases := []struct {
		name    string
		info    *pulumirpc.ProgramInfo
		config  map[string]string
		wantErr string
	}{
		{"no program info", nil, nil, "without program info"},
		{"typescript not a boolean", programInfo(t, map[string]any{"typescript": "yes"}), nil,
			`runtime option typescript must be a boolean, got "yes" (string)`},
		{"tsconfig not a string", programInfo(t, map[string]any{"tsconfig": true}), nil,
			"runtime option tsconfig must be a string, got true (bool)"},
		{"nodeargs not a string", programInfo(t, map[string]any{"nodeargs": 4}), nil,
			"runtime option nodeargs must be a string, got 4 (float64)"},
		{"nodeargs with an open quote", programInfo(t, map[string]any{"nodeargs": `--title "a`}), nil,
			`runtime option nodeargs "--title \"a"`},
		{"an unknown package manager", programInfo(t, map[string]any{"packagemanager": "pip"}), nil,
			`packagemanager must be one of auto, npm, yarn, pnpm or bun, got "pip"`},
		{"an unknown option", programInfo(t, map[string]any{"typescirpt": true}), nil,
			`unknown runtime option "typescirpt" in Pulumi.yaml (nodejs accepts typescript, tsconfig, nodeargs, packagemanager)`},
		{"a config key without a namespace", programInfo(t, nil), map[string]string{"apiUrl": "x"},
			`stack config key "apiUrl"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := &pulumirpc.RunRequest{MonitorAddress: "m", Info: c.info, Config: c.config}
			_, err := buildProgramCommand(req, "/run", "e", "")
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, c.wantErr)
			}
		})
	}
}
