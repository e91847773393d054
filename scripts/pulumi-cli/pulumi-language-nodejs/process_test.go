//go:build unix

package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// program is a node script that starts a child node and then idles; each process logs "ready <pid>"
// and, on SIGINT, "SIGINT", then exits unless told to ignore the signal. Node, because it is what
// the host really runs.
const program = `
const fs = require("fs");
const { spawn } = require("child_process");
const [, , out, role, mode] = process.argv;
process.on("SIGINT", () => {
  fs.appendFileSync(out, role + " SIGINT\n");
  if (mode !== "ignore") process.exit(130);
});
if (role === "parent") spawn(process.execPath, [__filename, out, "child", mode], { stdio: "inherit" });
fs.appendFileSync(out, role + " ready " + process.pid + "\n");
setInterval(() => {}, 1000);
`

// startProgram runs the script through runProgram with the given grace and returns the log file,
// a cancel function and the channel runProgram's result arrives on, once both processes are ready.
func startProgram(t *testing.T, mode string, grace time.Duration) (string, context.CancelFunc, <-chan error) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to test how programs are stopped: %v", err)
	}
	dir := t.TempDir()
	script, out := filepath.Join(dir, "program.js"), filepath.Join(dir, "log")
	if err := os.WriteFile(script, []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	done := make(chan error, 1)
	go func() { done <- runProgram(ctx, exec.Command(node, script, out, "parent", mode), grace) }()
	waitFor(t, 20*time.Second, func() bool { return strings.Count(readFile(out), "ready") == 2 })
	return out, cancel, done
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(limit); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", limit)
		}
	}
}

// childPid is the pid the child logged.
func childPid(t *testing.T, log string) int {
	t.Helper()
	m := regexp.MustCompile(`child ready (\d+)`).FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("no child pid in %q", log)
	}
	pid, _ := strconv.Atoi(m[1])
	return pid
}

// gone reports whether pid no longer runs (a zombie waiting to be reaped counts as gone).
func gone(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err == nil {
		return strings.Contains(string(stat), ") Z ")
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

func TestCancelInterruptsTheWholeProgramGroup(t *testing.T) {
	out, cancel, done := startProgram(t, "exit", 10*time.Second)
	start := time.Now()
	cancel()
	var err error
	select {
	case err = <-done:
	case <-time.After(8 * time.Second):
		t.Fatal("the program was not stopped by SIGINT within 8s")
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("runProgram returned %v, want the program's own exit code 130 after SIGINT", err)
	}
	log := readFile(out)
	if !strings.Contains(log, "parent SIGINT") || !strings.Contains(log, "child SIGINT") {
		t.Errorf("both processes should have got SIGINT; log:\n%s", log)
	}
	pid := childPid(t, log)
	waitFor(t, 5*time.Second, func() bool { return gone(pid) })
	t.Logf("stopped by SIGINT in %v", time.Since(start))
}

func TestCancelKillsAProgramThatIgnoresSIGINTAfterTheGrace(t *testing.T) {
	grace := 700 * time.Millisecond
	out, cancel, done := startProgram(t, "ignore", grace)
	start := time.Now()
	cancel()
	var err error
	select {
	case err = <-done:
	case <-time.After(grace + 8*time.Second):
		t.Fatal("the program was not killed after the grace period")
	}
	if took := time.Since(start); took < grace {
		t.Errorf("killed after %v, before the %v grace period", took, grace)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Errorf("runProgram returned %v, want death by SIGKILL", err)
	}
	log := readFile(out)
	if !strings.Contains(log, "parent SIGINT") || !strings.Contains(log, "child SIGINT") {
		t.Errorf("SIGINT should come before SIGKILL, to both processes; log:\n%s", log)
	}
	pid := childPid(t, log)
	waitFor(t, 5*time.Second, func() bool { return gone(pid) })
}

func TestAProgramThatEndsByItselfIsNotSignalled(t *testing.T) {
	err := runProgram(context.Background(), exec.Command("sh", "-c", "exit 3"), time.Second)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("runProgram returned %v, want exit code 3", err)
	}
	if err := runProgram(context.Background(), exec.Command("true"), time.Second); err != nil {
		t.Fatalf("runProgram returned %v for a program that succeeded", err)
	}
}

// A program that succeeds but leaves a child holding its output (copied through a pipe, as Run
// does) is a success once the grace has passed, not "could not run the program".
func TestRunProgramSucceedsWhenAChildKeepsTheOutputOpen(t *testing.T) {
	var out strings.Builder
	cmd := exec.Command("sh", "-c", "sleep 30 & echo started")
	cmd.Stdout = struct{ io.Writer }{&out}
	start := time.Now()
	err := runProgram(context.Background(), cmd, 300*time.Millisecond)
	killGroup(cmd.Process) // the child sleeping in the program's group
	if err != nil {
		t.Fatalf("runProgram = %v, want nil (the program exited 0)", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Fatalf("runProgram waited %v for the child's output", time.Since(start))
	}
}
