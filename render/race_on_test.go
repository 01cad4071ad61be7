//go:build race

package render

// raceEnabled: the race detector makes the 200 MB stream take minutes.
const raceEnabled = true
