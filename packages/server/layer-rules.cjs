/**
 * dependency-cruiser rules from the server's layer table (layers.json): for every area, its imports of the areas on
 * its own floor (except the ground floor) and above are forbidden. Also used by test/layers.test.ts on a fixture tree.
 */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `^root/area(/|$)` for a folder area, `^root/area$` for a file area. */
function areaPattern(root, area) {
  return `^${escapeRegExp(root)}/${escapeRegExp(area)}${area.endsWith('.ts') ? '$' : '(/|$)'}`;
}

function layerRules(table, root = table.root) {
  const rules = [];
  table.floors.forEach((floor, index) => {
    const above = table.floors.slice(index + 1).flatMap((f) => f.areas);
    for (const area of floor.areas) {
      const siblings = index === 0 ? [] : floor.areas.filter((other) => other !== area);
      const forbidden = [...siblings, ...above];
      if (forbidden.length === 0) continue;
      rules.push({
        name: `layers: ${area}`,
        severity: 'error',
        comment: `${area} (floor "${floor.name}") may import only areas on lower floors of packages/server/layers.json`,
        from: { path: areaPattern(root, area) },
        to: { path: forbidden.map((other) => areaPattern(root, other)).join('|') },
      });
    }
  });
  return rules;
}

module.exports = { layerRules, areaPattern };
