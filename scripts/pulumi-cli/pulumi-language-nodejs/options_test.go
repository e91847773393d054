package main

import (
	"strings"
	"testing"
)

func TestParseFlagsAcceptsWhatTheEngineAndPulumisHostPass(t *testing.T) {
	cases := []struct {
		args []string
		want hostFlags
	}{
		{[]string{"127.0.0.1:4000"}, hostFlags{engineAddress: "127.0.0.1:4000"}},
		// The engine's log and tracing flags (sdk/go/common/resource/plugin.buildPluginArguments).
		{[]string{"--logtostderr", "-v=9", "--tracing", "http://z:9411", "127.0.0.1:4000"},
			hostFlags{engineAddress: "127.0.0.1:4000", logToStderr: true, verbose: 9, tracing: "http://z:9411"}},
		{[]string{"-runtime=nodejs", "127.0.0.1:4000"}, hostFlags{engineAddress: "127.0.0.1:4000"}},
		{[]string{"-version"}, hostFlags{showVersion: true}},
		{nil, hostFlags{}},
	}
	for _, c := range cases {
		got, err := parseFlags(c.args)
		if err != nil {
			t.Errorf("parseFlags(%q): %v", c.args, err)
		} else if got != c.want {
			t.Errorf("parseFlags(%q) = %+v, want %+v", c.args, got, c.want)
		}
	}
}

func TestParseFlagsFailsClearly(t *testing.T) {
	cases := []struct {
		args    []string
		wantErr string
	}{
		{[]string{"--logflow", "127.0.0.1:4000"},
			"flag provided but not defined: -logflow (accepted: -tracing <endpoint>, -v=<level>, -logtostderr, " +
				"-runtime=nodejs, -version, then the engine address)"},
		{[]string{"-v=loud", "127.0.0.1:4000"}, `invalid value "loud" for flag -v`},
		{[]string{"-runtime=bun", "127.0.0.1:4000"}, `unsupported -runtime "bun": this host runs only nodejs`},
		{[]string{"127.0.0.1:4000", "extra"},
			"expected at most one argument (the engine address), got 2: 127.0.0.1:4000 extra"},
		{[]string{"-h"}, "usage: pulumi-language-nodejs"},
	}
	for _, c := range cases {
		_, err := parseFlags(c.args)
		if err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("parseFlags(%q) error %v, want one containing %q", c.args, err, c.wantErr)
		}
	}
}
