// The two widths every page is checked and photographed at: a phone's and a desktop's.

export const phone = { width: 375, height: 812 };
export const desktop = { width: 1440, height: 900 };

export const widths = [phone.width, desktop.width] as const;

export function viewportAt(width: number) {
  return width === phone.width ? phone : desktop;
}
