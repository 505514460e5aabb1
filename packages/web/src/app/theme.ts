import type { ThemeConfig } from 'antd';

/** A restrained government palette: deep blue primary, neutral greys, clear type at a comfortable size. */
export const primaryColor = '#1f4e9c';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: primaryColor,
    colorInfo: primaryColor,
    colorSuccess: '#2e7d32',
    // Dark enough for 4.5:1 on white and on the warning tint (WCAG AA; axe-core checks it in the browser tests).
    colorWarning: '#9a5b00',
    colorError: '#c62828',
    // Derived tints of these darker status colours came out muddy grey-green; light tints keep alerts readable.
    colorSuccessBg: '#edf7ee',
    colorSuccessBorder: '#b7dfb9',
    colorInfoBg: '#eef3fb',
    colorInfoBorder: '#c5d5ef',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorErrorBg: '#fdecec',
    colorErrorBorder: '#f5c2c2',
    colorLink: primaryColor,
    colorTextBase: '#1f2329',
    // antd derives these greys as alpha tints of colorTextBase (45 % and 25 %): 2.75:1 and 1.67:1 on white, below the
    // 4.5:1 that help texts, descriptions' labels and placeholders need. Solid greys that pass on white and on #f3f5f8.
    colorTextSecondary: '#5c6470',
    colorTextDescription: '#5c6470',
    colorTextTertiary: '#5c6470',
    colorTextPlaceholder: '#646a73',
    colorBgLayout: '#f3f5f8',
    borderRadius: 4,
    fontSize: 15,
    fontFamily:
      '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    controlHeight: 36,
  },
  components: {
    Layout: { headerBg: primaryColor, headerHeight: 64, footerBg: '#1b2a41', bodyBg: '#f3f5f8' },
    Card: { headerFontSize: 17 },
    Form: { labelColor: '#3a3f47', itemMarginBottom: 20 },
    Button: { fontWeight: 500 },
    Menu: { itemSelectedBg: '#e8eef8', itemSelectedColor: primaryColor },
  },
};
