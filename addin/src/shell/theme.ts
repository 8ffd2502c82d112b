import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/**
 * Fluent's web theme, with one change: a control's outline (colorNeutralStroke1, the border of
 * buttons, menus and fields) is drawn with the theme's accessible stroke. Fluent's own stroke is
 * about 1.5:1 against the page in light and 2.5:1 in dark, where a button's face is the page's
 * own grey: the weekly view's toolbar read as grey on grey. The accessible stroke keeps every
 * control's edge at 3:1 or more against the page in both schemes (WCAG 1.4.11).
 */
function withVisibleOutlines(theme: Theme): Theme {
  return {
    ...theme,
    colorNeutralStroke1: theme.colorNeutralStrokeAccessible,
    colorNeutralStroke1Hover: theme.colorNeutralStrokeAccessibleHover,
    colorNeutralStroke1Pressed: theme.colorNeutralStrokeAccessiblePressed,
    colorNeutralStroke1Selected: theme.colorNeutralStrokeAccessible,
  };
}

const themes = { light: withVisibleOutlines(webLightTheme), dark: withVisibleOutlines(webDarkTheme) };

/** The pages' theme for the system's colour scheme. */
export const pageTheme = (scheme: "light" | "dark"): Theme => themes[scheme];
