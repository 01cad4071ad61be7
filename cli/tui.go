package cli

import (
	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/render"
	"github.com/graphtui/graphtui/ui"
)

func (a *App) runTUI(cmd *cobra.Command, _ []string) error {
	return a.startTUI(cmd, "")
}

// startTUI opens the terminal UI on the config chosen by --config.
func (a *App) startTUI(cmd *cobra.Command, title string) error {
	if !a.IsTerminal(a.Out) {
		return usageError("the terminal UI needs a terminal; for scripts use 'graphtui get', 'graphtui token' or 'graphtui profiles'")
	}
	s, _, err := a.loadProfiles()
	if err != nil {
		return err
	}
	histPath := ""
	if title == "" { // the demo keeps no history: its profiles vanish on exit
		histPath, _ = history.DefaultPath()
	}
	profile := s.ProfileName(a.profileFlag)
	backend := &ui.Backend{
		Session:     s,
		HistoryPath: histPath,
		MaxPages:    graph.DefaultMaxPages,
		Color:       render.ColorModeFromEnv(func(k string) string { v, _ := a.LookupEnv(k); return v }),
	}
	presenter, _ := cmd.Flags().GetBool("presenter")
	return ui.Run(cmd.Context(), ui.Options{Backend: backend, Profile: profile, Title: title, Presenter: presenter})
}

// presenterUsage describes --presenter, a flag of the commands that open the UI.
const presenterUsage = "start in presenter mode: tenant ids and e-mail addresses masked on screen (ctrl+g toggles)"
