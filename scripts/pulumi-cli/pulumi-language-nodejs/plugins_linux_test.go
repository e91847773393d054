//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestIsPluginOf(t *testing.T) {
	const addr = "127.0.0.1:4000"
	cases := []struct {
		argv []string
		want bool
	}{
		// What the engine starts for dynamic resources, and the node it runs (not a group leader).
		{[]string{"/bin/sh", "/cache/bin/pulumi-resource-pulumi-nodejs", addr}, true},
		{[]string{"/cache/bin/pulumi-resource-aws", addr}, true},
		{[]string{"/bin/sh", "/cache/bin/pulumi-resource-pulumi-nodejs", "127.0.0.1:4001"}, false},
		{[]string{"node", "/nm/@pulumi/pulumi/cmd/run", "--engine", addr}, false},
		{[]string{"/cache/bin/pulumi-language-nodejs", addr}, false},
		{[]string{addr}, false},
	}
	for _, c := range cases {
		if got := isPluginOf(c.argv, addr); got != c.want {
			t.Errorf("isPluginOf(%q) = %v, want %v", c.argv, got, c.want)
		}
	}
}

// startPlugin starts a stand-in provider plugin as the engine does: a script named
// pulumi-resource-*, in a process group of its own, with an engine address as its argument.
func startPlugin(t *testing.T, dir, engineAddress string) *exec.Cmd {
	t.Helper()
	script := filepath.Join(dir, "pulumi-resource-standin")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nwhile :; do sleep 0.1; done\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/bin/sh", script, engineAddress)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	return cmd
}

func TestHostStopsTheProviderPluginsOfAGoneEngine(t *testing.T) {
	addr, srv := fakeEngine(t)
	dir := t.TempDir()
	plugin := startPlugin(t, dir, addr)
	other := startPlugin(t, dir, "127.0.0.1:1") // another engine's plugin: must be left alone
	_, stderr, exited := startHost(t, addr)

	srv.Stop()
	limit := time.Duration(engineMisses+3)*engineCheckInterval + stopGrace
	select {
	case <-exited:
	case <-time.After(limit):
		t.Fatalf("the host was still running %v after the engine stopped", limit)
	}
	if !gone(plugin.Process.Pid) {
		t.Errorf("the gone engine's plugin (pid %d) is still running; host stderr: %s", plugin.Process.Pid, stderr)
	}
	if !strings.Contains(stderr.String(), "stopped 1 provider plugin(s) the engine left running") {
		t.Errorf("the host should say which plugins it stopped; stderr: %s", stderr)
	}
	if gone(other.Process.Pid) {
		t.Errorf("another engine's plugin (pid %d) was stopped too", other.Process.Pid)
	}
}
