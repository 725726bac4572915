// Qualitative palette for units (ColorBrewer Set3, light enough for dark borders and labels on a
// projector) and the fixed colours of the map.
export const UNIT_PALETTE = ['#8dd3c7', '#ffffb3', '#bebada', '#fb8072', '#80b1d3', '#fdb462', '#b3de69', '#fccde5', '#ccebc5', '#bc80bd'];
export const MULTI_UNIT_FILL = '#e0e0e0';
export const BORDER = '#36454f';
export const SELECTED = '#0b3d91';
export const BACKGROUND = '#f4f1ea';
