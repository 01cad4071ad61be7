package ui

import "charm.land/bubbles/v2/key"

// PickerKeyMap is the profile picker's keys.
type PickerKeyMap struct {
	Up, Down    key.Binding
	Select      key.Binding
	Filter      key.Binding
	ClearFilter key.Binding
	Add         key.Binding
	Edit        key.Binding
	Delete      key.Binding
	Refresh     key.Binding
	Audit       key.Binding
}

// DefaultPickerKeyMap is the picker's default bindings.
func DefaultPickerKeyMap() PickerKeyMap {
	return PickerKeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Select:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "select")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Add:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Edit:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Refresh:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh token")),
		Audit:       key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "audit")),
	}
}

// ShortHelp is what the footer shows; while the filter is typed into, only
// the keys that work there.
func (p *Picker) ShortHelp() []key.Binding {
	k := p.Keys
	if p.filtering {
		return []key.Binding{k.Select, k.ClearFilter}
	}
	return []key.Binding{k.Up, k.Down, k.Filter, k.Audit, k.Add, k.Edit, k.Refresh}
}

// FullHelp lists every picker key, grouped.
func (p *Picker) FullHelp() [][]key.Binding {
	k := p.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Select},
		{k.Filter, k.ClearFilter},
		{k.Add, k.Edit, k.Delete, k.Refresh, k.Audit},
	}
}
