//! The timeline bar above the status bar: a slider over the ties' distinct dates showing
//! the network as of one of them, a play button that steps through them, and a switch
//! for undated ties. Dates show with the precision the sources give them.

use crate::app::command::Command;
use crate::app::explore_state::{ExploreState, precision_text};
use crate::explore::timeline::UndatedTies;

/// The timeline bar; queues what its controls ask for.
pub fn timeline_bar_ui(ui: &mut egui::Ui, explore: &ExploreState, commands: &mut Vec<Command>) {
    egui::Panel::bottom("timeline-bar").show(ui, |ui| {
        ui.add_space(2.0);
        ui.horizontal(|ui| {
            let steps = &explore.steps;
            let Some(last) = steps.len().checked_sub(1) else {
                ui.label(egui::RichText::new("Timeline: no tie has a date").weak());
                return;
            };
            let position = explore.timeline();
            let mut on = position.is_some();
            if ui
                .checkbox(&mut on, "Timeline")
                .on_hover_text("Show the network as of a date; off shows every tie")
                .changed()
            {
                commands.push(Command::SetTimeline(on.then_some(last)));
            }
            let playing = explore.is_playing();
            let (icon, tip) = if playing {
                ("⏸", "Pause")
            } else {
                ("▶", "Play: step through the dated ties in order")
            };
            if ui.button(icon).on_hover_text(tip).clicked() {
                commands.push(Command::SetPlaying(!playing));
            }
            let step = position.map(|p| p.step);
            if ui
                .add_enabled(step.is_some_and(|s| s > 0), egui::Button::new("◀"))
                .on_hover_text("The date before")
                .clicked()
            {
                commands.push(Command::SetTimeline(step.map(|s| s.saturating_sub(1))));
            }
            if ui
                .add_enabled(step.is_some_and(|s| s < last), egui::Button::new("▶|"))
                .on_hover_text("The date after")
                .clicked()
            {
                commands.push(Command::SetTimeline(step.map(|s| s + 1)));
            }

            // Room on the right for the date, the count and the undated switch.
            let slider_width = (ui.available_width() - 470.0).max(120.0);
            ui.spacing_mut().slider_width = slider_width;
            let mut slider_step = step.unwrap_or(last);
            let slider = egui::Slider::new(&mut slider_step, 0..=last)
                .show_value(false)
                .step_by(1.0);
            let response = ui.add_enabled(last > 0 || step.is_none(), slider);
            if response.changed() {
                commands.push(Command::SetTimeline(Some(slider_step)));
            }

            match step.and_then(|s| steps.get(s)) {
                Some(current) => {
                    ui.label(
                        egui::RichText::new(format!("As of {}", current.date))
                            .strong()
                            .monospace(),
                    )
                    .on_hover_ui(|ui| {
                        ui.label(format!(
                            "Ties dated up to {} show ({})",
                            current.date,
                            precision_text(current.date.precision())
                        ));
                    });
                    ui.label(
                        egui::RichText::new(format!(
                            "({}) · date {} of {}",
                            precision_text(current.date.precision()),
                            step.map_or(0, |s| s + 1),
                            steps.len()
                        ))
                        .weak(),
                    );
                }
                None => {
                    ui.label(egui::RichText::new("All dates").strong());
                    ui.label(
                        egui::RichText::new(format!("{} to {}", steps[0].date, steps[last].date))
                            .weak(),
                    );
                }
            }
            let shown = explore.visibility().ties.iter().filter(|&&v| v).count();
            ui.separator();
            ui.label(format!("{shown} ties shown"));
            let mut undated = explore.undated() == UndatedTies::Show;
            if ui
                .add_enabled(
                    step.is_some(),
                    egui::Checkbox::new(&mut undated, "Undated ties"),
                )
                .on_hover_text("Show ties without a date (roles, affiliations) at every date")
                .changed()
            {
                commands.push(Command::SetUndatedTies(if undated {
                    UndatedTies::Show
                } else {
                    UndatedTies::Hide
                }));
            }
        });
        ui.add_space(2.0);
    });
}
